namespace Ecom.Aspire.Core.Simulation;

/// <summary>Portuguese product nouns per category and attributes, to name simulated products.</summary>
internal static class ProductNames
{
    private static readonly Dictionary<string, string[]> Nouns = new()
    {
        ["bed_bath_table"] = ["Jogo de Cama Queen", "Jogo de Lençol Casal", "Toalha de Banho", "Edredom King", "Travesseiro", "Toalha de Mesa", "Cobertor Microfibra"],
        ["health_beauty"] = ["Hidratante Facial", "Shampoo", "Kit Maquiagem", "Protetor Solar FPS 50", "Escova Secadora", "Sérum Vitamina C", "Barbeador Elétrico"],
        ["sports_leisure"] = ["Tênis de Corrida", "Bola de Futebol", "Kit Halteres", "Tapete de Yoga", "Bicicleta Aro 29", "Garrafa Térmica", "Luva de Goleiro"],
        ["furniture_decor"] = ["Quadro Decorativo", "Espelho Redondo", "Luminária de Mesa", "Prateleira Flutuante", "Vaso Decorativo", "Relógio de Parede", "Cortina Blackout"],
        ["computers_accessories"] = ["Mouse Sem Fio", "Teclado Mecânico", "Headset Gamer", "Webcam Full HD", "Hub USB-C", "SSD 480GB", "Suporte para Notebook"],
        ["housewares"] = ["Jogo de Panelas", "Air Fryer", "Liquidificador", "Conjunto de Potes", "Faqueiro Inox", "Cafeteira", "Organizador de Gaveta"],
        ["watches_gifts"] = ["Relógio Masculino", "Relógio Feminino", "Smartwatch", "Caixa de Presente", "Pulseira Prata", "Relógio Digital"],
        ["telephony"] = ["Capa para Celular", "Carregador Turbo", "Fone Bluetooth", "Película de Vidro", "Cabo USB-C", "Suporte Veicular", "Power Bank 10000mAh"],
        ["garden_tools"] = ["Kit Ferramentas", "Furadeira de Impacto", "Mangueira de Jardim", "Cortador de Grama", "Vaso Autoirrigável", "Parafusadeira"],
        ["auto"] = ["Capa de Volante", "Tapete Automotivo", "Som Automotivo", "Câmera de Ré", "Aspirador Automotivo", "Kit Limpeza Automotiva"],
        ["toys"] = ["Boneca", "Carrinho de Controle Remoto", "Quebra-Cabeça 1000 Peças", "Blocos de Montar", "Pelúcia", "Jogo de Tabuleiro"],
        ["cool_stuff"] = ["Luminária Criativa", "Caneca Térmica", "Action Figure", "Mini Projetor", "Caixa de Som Retrô", "Luminária LED Neon"],
        ["perfumery"] = ["Perfume Feminino 100ml", "Perfume Masculino 100ml", "Body Splash", "Kit Perfume", "Desodorante Colônia"],
        ["baby"] = ["Carrinho de Bebê", "Kit Berço", "Cadeirinha Auto", "Babá Eletrônica", "Mamadeira", "Trocador Portátil"],
        ["electronics"] = ["Pilhas Recarregáveis", "Caixa de Som Bluetooth", "Controle Universal", "Lâmpada Inteligente", "Antena Digital", "Fone de Ouvido"],
        ["stationery"] = ["Caderno Universitário", "Kit Canetas", "Agenda 2025", "Mochila Escolar", "Estojo", "Marca-Texto"],
        ["fashion_bags_accessories"] = ["Bolsa Feminina", "Carteira Masculina", "Mochila Casual", "Óculos de Sol", "Cinto de Couro", "Necessaire"],
        ["pet_shop"] = ["Cama para Cachorro", "Arranhador para Gato", "Coleira", "Comedouro Automático", "Caixa de Transporte", "Brinquedo para Pet"],
        ["office_furniture"] = ["Cadeira de Escritório", "Mesa para Computador", "Cadeira Gamer", "Estante para Livros", "Gaveteiro", "Mesa em L"],
        ["consoles_games"] = ["Controle sem Fio", "Jogo de Console", "Headset para Console", "Volante Gamer", "Cartão Presente Games", "Base Carregadora"],
    };

    private static readonly string[] Generic = ["Produto", "Kit", "Acessório", "Conjunto"];

    public static readonly string[] Attributes =
        ["Premium", "Preto", "Branco", "Azul", "Inox", "Clássico", "Compacto", "Profissional", "Slim", "Plus", "Max", "Eco", "Luxo", "Básico", "Grafite", "Rosa"];

    public static readonly string[] Brands =
        ["Multi", "Mondial", "Tramontina", "Intelbras", "Positivo", "Britânia", "Arno", "Oster", "Fortrek", "Santista", "Buddemeyer", "Estrela", "Tilibra", "Natura", "Boticário", "Kalunga", "Vonder", "Olympikus", "Penalty", "Lepo"];

    public static string[] NounsOf(string category) => Nouns.TryGetValue(category, out var nouns) ? nouns : Generic;
}
